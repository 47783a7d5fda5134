package io.roundtrip.proxy.toxic;

import java.util.List;
import java.util.ListIterator;

/** Helpers for stages working on the segment list of one read. */
public final class Segments {

    private Segments() {}

    /** Splits every data segment larger than {@code maxBytes} into pieces of at most {@code maxBytes}, in order. */
    public static void splitEvery(List<Segment> segments, int maxBytes) {
        if (maxBytes <= 0) {
            return;
        }
        boolean needed = false;
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).sizeBytes() > maxBytes) {
                needed = true;
                break;
            }
        }
        if (!needed) {
            return;
        }
        ListIterator<Segment> it = segments.listIterator();
        while (it.hasNext()) {
            Segment s = it.next();
            if (s.sizeBytes() <= maxBytes) {
                continue;
            }
            it.remove();
            while (s.sizeBytes() > maxBytes) {
                it.add(s.splitFront(maxBytes));
            }
            it.add(s);
        }
    }

    /** Counts the data segments after {@code index}. */
    public static int dataSegmentsAfter(List<Segment> segments, int index) {
        int n = 0;
        for (int i = index + 1; i < segments.size(); i++) {
            if (segments.get(i).isData()) {
                n++;
            }
        }
        return n;
    }
}
