package dev.earshot.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The file a command writes with {@code --out}, checked before the work starts, so that a bad path costs no time. */
final class OutputFile {

    private OutputFile() {
    }

    /** Fails, naming the option, unless {@code file} can be written: not a folder, in a folder that exists and is writable. */
    static Path writable(String option, Path file) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + " " + file + " is a folder; name a file (in it, or elsewhere)");
        }
        Path folder = file.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new IllegalArgumentException(option + " " + file + ": the folder " + folder + " does not exist; create it first");
        }
        if (!Files.isWritable(folder) || Files.exists(file) && !Files.isWritable(file)) {
            throw new IllegalArgumentException(option + " " + file + ": cannot write there; pick a folder you may write in");
        }
        return file;
    }
}
