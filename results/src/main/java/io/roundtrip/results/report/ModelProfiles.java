package io.roundtrip.results.report;

import io.roundtrip.model.profile.NetworkProfile;
import io.roundtrip.model.profile.ProfileBuilder;
import io.roundtrip.model.profile.Presets;
import java.util.Optional;

/** The model's {@link NetworkProfile} for a run's profile: from its settings ({@code rtt}, {@code jitter}, ...), else the preset of its name. */
final class ModelProfiles {

    private ModelProfiles() {}

    static Optional<NetworkProfile> of(RunManifest.Profile profile) {
        boolean anyKey = profile.settings().keySet().stream().anyMatch(NetworkProfile.KEYS::contains);
        if (anyKey) {
            try {
                ProfileBuilder builder = NetworkProfile.builder().name(profile.name());
                for (String key : NetworkProfile.KEYS) {
                    String value = profile.settings().get(key);
                    if (value != null && !value.isBlank()) {
                        builder.set(key, value);
                    }
                }
                return Optional.of(builder.build());
            } catch (IllegalArgumentException e) {
                // settings the model cannot read: fall back on the preset of the same name
            }
        }
        return Presets.exists(profile.name()) ? Optional.of(Presets.get(profile.name())) : Optional.empty();
    }

    /** The words of a workload: what is fetched, apart from protocol and connection ({@code 1 KiB}, {@code 12 × 8 KiB page}). */
    static String workloadWords(io.roundtrip.model.RequestKind kind) {
        String words = kind.inWords();
        String size = kind.isPageLoad() ? words.substring(words.lastIndexOf(", ") + 2) + " loads"
                : words.substring(words.lastIndexOf(", ") + 2) + " responses";
        return switch (kind.tls()) {
            case NONE -> size;
            default -> size + " over TLS " + kind.tls();
        };
    }

    /** The strategy part of a kind's words: {@code HTTP/2 fresh TLS 1.3} of {@code HTTP/2, fresh TLS 1.3, 1 KiB}. */
    /**
     * A strategy in a sentence, without the size: {@code HTTP/2 over kept-alive TLS 1.3 connections},
     * {@code HTTP/1.1 over fresh TCP connections}; the words are {@link io.roundtrip.model.RequestKind#inWords()}'s.
     */
    static String strategyWords(io.roundtrip.model.RequestKind kind) {
        String[] parts = kind.inWords().split(", ");
        // protocol, connection (with "TCP"/"TLS x" when fresh), [TLS x when reused], size
        StringBuilder words = new StringBuilder(parts[0]).append(" over ").append(parts[1]);
        for (int i = 2; i < parts.length - 1; i++) {
            words.append(' ').append(parts[i]);
        }
        return words.append(" connections").toString();
    }

}
