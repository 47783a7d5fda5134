package io.roundtrip.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version Maven stamped into the jar, plus the JVM it runs on. */
final class HarnessVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        Properties properties = new Properties();
        try (InputStream in = HarnessVersion.class.getResourceAsStream("/roundtrip-version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new String[] {
            "roundtrip " + properties.getProperty("version", "unknown"),
            "JVM " + System.getProperty("java.vm.name") + " " + Runtime.version()
        };
    }
}
