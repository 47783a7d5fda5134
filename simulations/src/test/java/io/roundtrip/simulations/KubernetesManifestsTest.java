package io.roundtrip.simulations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes carries the generator contract: an Indexed Job whose N pods each know N and the common start,
 * write to one shared volume, and a report Job that merges every generator's folder. (No kubectl here: Debian does
 * not package it; the manifests are read as YAML and held to what the contract needs.)
 */
class KubernetesManifestsTest {

    private static final Path DEPLOY = NginxTarget.repositoryRoot().resolve("deploy/kubernetes");
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    @Test
    void theGeneratorsAreAnIndexedJobThatKnowsItsSizeAndItsStart() throws Exception {
        JsonNode job = yaml.readTree(DEPLOY.resolve("generators-job.yaml").toFile());
        assertThat(job.path("kind").asText()).isEqualTo("Job");
        JsonNode spec = job.path("spec");
        assertThat(spec.path("completionMode").asText()).isEqualTo("Indexed");
        int completions = spec.path("completions").asInt();
        assertThat(completions).isGreaterThan(1).isEqualTo(spec.path("parallelism").asInt());
        JsonNode container = spec.path("template").path("spec").path("containers").get(0);
        assertThat(env(container, "GENERATORS")).as("GENERATORS = completions").isEqualTo(Integer.toString(completions));
        assertThat(env(container, "START_AT")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        assertThat(mountPaths(container)).contains(env(container, "RESULTS"));
        assertThat(claims(spec)).containsExactly(claimName());
    }

    @Test
    void theReportJobMergesEveryGeneratorsFolderFromTheSameVolume() throws Exception {
        JsonNode spec = yaml.readTree(DEPLOY.resolve("report-job.yaml").toFile()).path("spec");
        JsonNode container = spec.path("template").path("spec").path("containers").get(0);
        assertThat(container.path("args").get(0).asText()).contains("bin/harness report")
                .contains("/results/generator-*/");
        assertThat(mountPaths(container)).contains("/results");
        assertThat(claims(spec)).containsExactly(claimName());
    }

    @Test
    void theGeneratorScriptPassesTheContractToGatling() throws Exception {
        String script = Files.readString(DEPLOY.resolve("generator.sh"));
        assertThat(script).contains("-Dgenerators=\"$GENERATORS\"", "-DstartAt=\"$START_AT\"",
                "JOB_COMPLETION_INDEX", "gatling:test");
        assertThat(Files.isExecutable(DEPLOY.resolve("generator.sh"))).isTrue();
        assertThat(Files.readString(DEPLOY.resolve("Dockerfile"))).contains("generator.sh");
    }

    private String claimName() throws Exception {
        JsonNode pvc = yaml.readTree(DEPLOY.resolve("results-volume.yaml").toFile());
        assertThat(pvc.path("kind").asText()).isEqualTo("PersistentVolumeClaim");
        return pvc.path("metadata").path("name").asText();
    }

    private static String env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e.path("value").asText();
            }
        }
        throw new AssertionError("no env " + name);
    }

    private static List<String> mountPaths(JsonNode container) {
        List<String> paths = new ArrayList<>();
        container.path("volumeMounts").forEach(m -> paths.add(m.path("mountPath").asText()));
        return paths;
    }

    private static List<String> claims(JsonNode jobSpec) {
        List<String> names = new ArrayList<>();
        jobSpec.path("template").path("spec").path("volumes")
                .forEach(v -> names.add(v.path("persistentVolumeClaim").path("claimName").asText()));
        return names;
    }
}
