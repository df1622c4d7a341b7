package dev.earshot.connectors.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * A folder taken by one process at a time: an OS lock on a file in it, which the OS releases however the process
 * ends, so that no stale lock is left behind by a crash.
 */
public final class FolderLock {

    private FolderLock() {
    }

    /**
     * Takes {@code folder} (created when missing) by locking {@code lockFile} in it.
     *
     * @return the lock file's channel, holding the lock until it is closed; empty when another process, or another
     *     holder in this JVM, has the folder
     */
    public static Optional<FileChannel> tryTake(Path folder, String lockFile) throws IOException {
        Files.createDirectories(folder);
        FileChannel channel = FileChannel.open(folder.resolve(lockFile), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException inThisJvm) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        return Optional.of(channel);
    }

    /** How many times a take leaving nothing tries again after taking a lock file its holder deleted as it let go. */
    static final int ATTEMPTS = 10;

    /**
     * As {@link #tryTake}, leaving nothing behind once released: the lock file is deleted while still locked (so no
     * one else can take it in between), then the folder, where this take created it and it is empty by then. A taker
     * that locked a file its holder deleted meanwhile finds the path gone or another file there, and tries again; so
     * does one whose folder its holder deleted between making it again and opening the lock file in it.
     *
     * @return what releases the folder; empty when another holder has it
     * @throws IOException also when the holders' releases won the race {@value #ATTEMPTS} times in a row
     */
    public static Optional<AutoCloseable> tryTakeLeavingNothing(Path folder, String lockFile) throws IOException {
        return tryTakeLeavingNothing(folder, lockFile, () -> { });
    }

    /** What a test does between this taker locking the lock file and looking that it is still the one at its path. */
    interface AfterLocking {
        void run() throws IOException;
    }

    static Optional<AutoCloseable> tryTakeLeavingNothing(Path folder, String lockFile, AfterLocking afterLocking)
            throws IOException {
        Path file = folder.resolve(lockFile);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            boolean folderCreated = !Files.isDirectory(folder);
            Optional<FileChannel> taken;
            try {
                taken = tryTake(folder, lockFile);
            } catch (NoSuchFileException folderDeletedByItsHolder) {
                continue;
            }
            if (taken.isEmpty()) {
                return Optional.empty();
            }
            FileChannel channel = taken.get();
            if (holdsTheFileAtItsPath(channel, file, afterLocking)) {
                return Optional.of(() -> {
                    try (channel) {
                        Files.deleteIfExists(file);
                    }
                    if (folderCreated) {
                        try {
                            Files.deleteIfExists(folder);
                        } catch (DirectoryNotEmptyException keptForWhatItHolds) {
                            // the files written in it are the taker's to keep
                        }
                    }
                });
            }
            channel.close(); // locked a file its holder deleted as it let go: take the one there now
        }
        throw new IOException(file + ": its holders deleted it as they let go each of the " + ATTEMPTS + " times it was "
                + "taken; run again");
    }

    /** Whether the file at {@code file} is the one {@code channel} locked: it reads the mark written through the channel. */
    private static boolean holdsTheFileAtItsPath(FileChannel channel, Path file, AfterLocking afterLocking) throws IOException {
        try {
            byte[] mark = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(mark));
            afterLocking.run();
            return Arrays.equals(Files.readAllBytes(file), mark);
        } catch (NoSuchFileException deletedByItsHolder) {
            return false;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** As {@link #tryTake}, writing this process's id in the lock file, for a refused taker to name the holder. */
    public static Optional<FileChannel> tryTakeNamingThisProcess(Path folder, String lockFile) throws IOException {
        Optional<FileChannel> taken = tryTake(folder, lockFile);
        if (taken.isPresent()) {
            taken.get().truncate(0);
            taken.get().write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
        }
        return taken;
    }

    /**
     * Takes {@code folder} for this process until the returned lock is closed, or throws what {@code refusal} makes of
     * the holder: " (pid 1234)", or "" when its lock file names none.
     */
    public static AutoCloseable takeNamingThisProcess(Path folder, String lockFile, Function<String, RuntimeException> refusal)
            throws IOException {
        Optional<FileChannel> taken = tryTakeNamingThisProcess(folder, lockFile);
        if (taken.isEmpty()) {
            String pid = Files.readString(folder.resolve(lockFile), StandardCharsets.UTF_8).strip();
            throw refusal.apply(pid.isEmpty() ? "" : " (pid " + pid + ")");
        }
        return taken.get()::close;
    }
}
