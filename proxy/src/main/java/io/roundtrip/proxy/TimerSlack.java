package io.roundtrip.proxy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Linux lets the kernel fire a thread's timers up to its "timer slack" late (50 µs by default) to batch wake-ups;
 * an event loop that releases delayed bytes wants none. The slack is per thread, set through
 * {@code /proc/<tid>/timerslack_ns} (proc(5), Linux 4.6+; the thread's own value needs no privilege). Elsewhere,
 * or if the kernel refuses, nothing changes.
 */
final class TimerSlack {

    private static final Logger log = LoggerFactory.getLogger(TimerSlack.class);

    private TimerSlack() {}

    /** Sets the calling thread's timer slack to 1 ns, the least the kernel takes. */
    static void minimise() {
        try {
            String self = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString(); // "<pid>/task/<tid>"
            String tid = self.substring(self.lastIndexOf('/') + 1);
            Files.writeString(Path.of("/proc", tid, "timerslack_ns"), "1");
        } catch (IOException | RuntimeException e) {
            log.debug("timer slack left as it is: {}", e.toString());
        }
    }
}
