package example;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.*;
import io.roundtrip.gatling.Roundtrip;
import java.time.Duration;

/**
 * A shop's API as its users meet it: log in, list the items, open one, load the front end's script. An ordinary
 * Gatling simulation except for the lines marked "roundtrip", which put it through a network path a continent away
 * (or whatever -Dprofile / -Drtt say) and print what that path costs each request.
 *
 * <p>{@code mvn gatling:test -Dtarget=http://127.0.0.1:8080 -Drtt=80ms -Dusers=4 -Dduration=30s}
 */
public class ShopSimulation extends Simulation {

  // Load parameters from system properties
  // Reference: https://docs.gatling.io/guides/passing-parameters/
  private static final int users = Integer.getInteger("users", 4);
  private static final Duration duration = Duration.parse("PT" + System.getProperty("duration", "30s"));

  // roundtrip: reads -Dtarget, -Dprofile / -Drtt..., -Dbaseline, -DmaxKo and plans its proxy in front of the target
  // (started by before(): building the simulation starts nothing)
  private final Roundtrip roundtrip = Roundtrip.plan("shop");

  // Define scenario: each user loops on its journey for the whole duration
  // Reference: https://docs.gatling.io/reference/script/core/scenario/
  private static final ScenarioBuilder shopper = scenario("shopper").during(duration).on(
      exec(http("login").post("/api/login")
              .body(StringBody("{\"user\":\"ada\",\"password\":\"secret\"}")).asJson()
              .check(jmesPath("token").saveAs("token")))
          .exec(http("list items").get("/api/items").header("Authorization", "Bearer #{token}"))
          .exec(http("item").get("/api/items/42").header("Authorization", "Bearer #{token}"))
          .exec(http("static asset").get("/static/app.js")));

  // roundtrip sets the base URL (its proxy) itself: give it the protocol without one
  {
    setUp(roundtrip.populations(http.acceptHeader("application/json"), shopper.injectOpen(atOnceUsers(users))))
        .assertions(roundtrip.assertions());
  }

  @Override
  public void before() {
    roundtrip.before();
  }

  @Override
  public void after() {
    roundtrip.after();
  }
}
