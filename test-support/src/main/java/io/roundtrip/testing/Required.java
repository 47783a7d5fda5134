package io.roundtrip.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine (a tool, root, a device). Where it is missing, the test is skipped with one line
 * that says what is missing, also on stderr where a Maven build shows it; where the environment variable that
 * requires it is {@code 1} (CI: what must run, runs), the test fails with that line instead. Every such test in
 * roundtrip asks here, so that the rule and its wording are one.
 */
public final class Required {

    /** Requires the packet path: {@code ROUNDTRIP_REQUIRE_PACKET_PATH=1}. */
    public static final String PACKET_PATH = "ROUNDTRIP_REQUIRE_PACKET_PATH";

    private Required() {}

    /**
     * Returns if {@code present}; else fails the calling test where {@code variable} is {@code 1}, or skips it, each
     * with {@code missing}, a line such as {@code nginx not found at /usr/sbin/nginx (apt-get install -y nginx-light)}.
     */
    public static void orSkip(boolean present, String variable, String missing) {
        if (present) {
            return;
        }
        if ("1".equals(System.getenv(variable))) {
            Assertions.fail(missing + " (required: " + variable + "=1)");
        }
        System.err.println("skipped: " + missing);
        Assumptions.abort("skipped: " + missing);
    }

    /** The executable {@code name} in a directory of {@code PATH}, the first one. */
    public static Optional<Path> onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path tool = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(tool)) {
                return Optional.of(tool);
            }
        }
        return Optional.empty();
    }

    /** The executable {@code name} on {@code PATH}, or the calling test skipped (failed where {@code variable}=1). */
    public static Path toolOrSkip(String name, String variable, String installHint) {
        Optional<Path> tool = onPath(name);
        orSkip(tool.isPresent(), variable, name + " not found on PATH (" + installHint + ")");
        return tool.orElseThrow();
    }

    /**
     * The packet path's needs, or the calling test skipped (failed where {@link #PACKET_PATH} is 1): root,
     * {@code /dev/net/tun}, iproute2's {@code ip}, and {@code tools} on {@code PATH}.
     */
    public static void packetPath(String... tools) {
        List<String> missing = new ArrayList<>();
        if (!Files.exists(Path.of("/dev/net/tun"))) {
            missing.add("/dev/net/tun");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            missing.add("root");
        }
        List<String> needed = new ArrayList<>(List.of("ip"));
        needed.addAll(List.of(tools));
        for (String tool : needed) {
            if (onPath(tool).isEmpty()) {
                missing.add(tool);
            }
        }
        orSkip(missing.isEmpty(), PACKET_PATH, "the packet path needs " + String.join(", ", missing));
    }
}
