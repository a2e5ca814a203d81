package org.sipsocial.bench.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A relay the generator drives: it opens calls on it and reads the CPU time of its process. */
interface RelayUnderTest extends AutoCloseable {
    String name();

    /** The address the relay's sockets are bound to (for the kernel's drop counters), or null. */
    String host();

    /** Sets the call up on the relay: where its phone and its other site send, and how packets are framed. */
    void open(Call call) throws IOException;

    /** Ends the calls on the relay. */
    void closeAll(List<Call> calls) throws IOException;

    /** The CPU time of the relay's process so far, in clock ticks (utime + stime), or -1 when there is none. */
    long cpuTicks();

    @Override
    default void close() throws IOException {
    }

    /** utime + stime of a process, from /proc/PID/stat (fields 14 and 15, counted after the command's ')'). */
    static long cpuTicksOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] field = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(field[11]) + Long.parseLong(field[12]);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the CPU time of process " + pid, e);
        }
    }
}
