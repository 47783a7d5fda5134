package io.roundtrip.origin;

import java.nio.charset.StandardCharsets;

/**
 * The HTML of {@code /page?resources=N&size=S}: a document linking N resources {@code /res/{i}?size=S}. Public so
 * that a load generator can know the document's exact size without fetching it (the model needs it for page
 * loads).
 */
public final class PageDocument {

    private PageDocument() {}

    /** The document's bytes (UTF-8). */
    public static byte[] html(int resources, long resourceSizeBytes) {
        StringBuilder html = new StringBuilder(128 + resources * 40)
                .append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>roundtrip page: ")
                .append(resources).append(" resources of ").append(resourceSizeBytes)
                .append(" bytes</title></head>\n<body>\n");
        for (int i = 0; i < resources; i++) {
            html.append("<img src=\"/res/").append(i).append("?size=").append(resourceSizeBytes)
                    .append("\" alt=\"\">\n");
        }
        html.append("</body></html>\n");
        return html.toString().getBytes(StandardCharsets.UTF_8);
    }
}
