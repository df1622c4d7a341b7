package dev.earshot.connectors.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
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
