package io.roundtrip.gatling;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.gatling.RequestObserver.Exchange;
import io.roundtrip.gatling.RequestObserver.GroupVisit;
import io.roundtrip.model.RequestKind.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Group visits are timed from Gatling's group start to their last response, one visit at a time per user. */
class GroupsTest {

    private record Timed(String path, long millis, boolean ok) {}

    private final List<Timed> timed = new ArrayList<>();
    private final Groups groups = new Groups((path, millis, ok) -> timed.add(new Timed(path, millis, ok)));

    @Test
    void aVisitEndsWhenTheUsersNextRequestIsInAnotherVisitOfTheGroup() {
        groups.observe(exchange(1, 200, List.of(new GroupVisit("browse", 1_000)), 1_010, 1_090));
        groups.observe(exchange(1, 200, List.of(new GroupVisit("browse", 1_000)), 1_090, 1_170));
        assertThat(timed).as("still open: the user may send more in it").isEmpty();

        groups.observe(exchange(1, 200, List.of(new GroupVisit("browse", 2_000)), 2_000, 2_080)); // next iteration
        assertThat(timed).containsExactly(new Timed("browse", 170, true));

        groups.endAll();
        assertThat(timed).containsExactly(new Timed("browse", 170, true), new Timed("browse", 80, true));
    }

    @Test
    void nestedGroupsAndUsersAreTimedApartAndAFailureMarksTheVisit() {
        List<GroupVisit> nested = List.of(new GroupVisit("page", 0), new GroupVisit("page / assets", 50));
        groups.observe(exchange(1, 200, nested, 60, 100));
        groups.observe(exchange(2, 200, List.of(new GroupVisit("page", 10)), 10, 30));
        groups.observe(exchange(1, 404, nested, 100, 140));
        groups.observe(exchange(1, 200, List.of(), 200, 210)); // user 1 leaves both groups

        assertThat(timed).containsExactlyInAnyOrder(new Timed("page", 140, false), new Timed("page / assets", 90, false));
        groups.endAll();
        assertThat(timed).contains(new Timed("page", 20, true));
    }

    private static Exchange exchange(long user, int status, List<GroupVisit> visits, long start, long end) {
        return new Exchange("s", user, visits, "r", "GET", "http://h/", start, end, status, false,
                Connection.KEEPALIVE, 100, 100);
    }
}
