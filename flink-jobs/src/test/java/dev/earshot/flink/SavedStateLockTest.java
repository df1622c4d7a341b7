package dev.earshot.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.config.ConfigException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One run at a time on a state folder: a second would resume from the same savepoint and write everything twice. */
class SavedStateLockTest {

    @TempDir
    Path dir;

    @Test
    void aSecondLockInThisProcessIsRefusedUntilTheFirstIsReleased() throws Exception {
        SavedState state = new SavedState(dir.resolve("state"));
        AutoCloseable first = state.lock();
        assertThatThrownBy(() -> new SavedState(dir.resolve("state")).lock()).isInstanceOf(ConfigException.class)
                .hasMessage("checkpoint.dir: " + state.dir() + " holds the state of a run that is running (pid "
                        + ProcessHandle.current().pid() + "), and two runs on one folder would both resume from it and "
                        + "write the same results twice: stop that run, or give this one its own checkpoint.dir");
        first.close();
        state.lock().close();
    }

    /** The real case: two JVMs. The lock is the OS's, so it goes with the process that held it, however it ends. */
    @Test
    void aRunInAnotherProcessHoldsTheFolderUntilItEnds() throws Exception {
        SavedState state = new SavedState(dir.resolve("state"));
        Process other = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldStateLock.class.getName(), state.dir().toString()))
                .redirectErrorStream(true).start();
        try {
            BufferedReader printed = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            assertThat(printed.readLine()).isEqualTo("locked");

            assertThatThrownBy(state::lock).isInstanceOf(ConfigException.class)
                    .hasMessageContaining(state.dir() + " holds the state of a run that is running (pid " + other.pid() + ")");
            assertThat(Files.readString(state.dir().resolve(SavedState.LOCK_FILE))).isEqualTo(Long.toString(other.pid()));
        } finally {
            other.destroyForcibly();
            assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        // killed, not stopped: its lock is gone all the same
        state.lock().close();
    }

    /** The other process: takes the lock, says so, and holds it until killed. */
    static final class HoldStateLock {
        public static void main(String[] args) throws Exception {
            new SavedState(Path.of(args[0])).lock();
            OutputStream out = System.out;
            out.write("locked\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
