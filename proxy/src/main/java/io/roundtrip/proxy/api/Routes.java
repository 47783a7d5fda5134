package io.roundtrip.proxy.api;

import io.roundtrip.proxy.ProxyServer;
import java.util.List;

/** toxiproxy's route table ({@code api.go}, {@code Routes()}), plus roundtrip's stats. */
final class Routes {

    private Routes() {}

    static Router of(ProxyServer proxy) {
        ProxyHandlers proxies = new ProxyHandlers(proxy);
        ToxicHandlers toxics = new ToxicHandlers(proxy);
        return new Router(List.of(
                Route.of("POST", "/reset", proxies::reset),
                Route.of("GET", "/proxies", proxies::index),
                Route.of("POST", "/proxies", proxies::create),
                Route.of("POST", "/populate", proxies::populate),
                Route.of("GET", "/proxies/{proxy}", proxies::show),
                Route.of("POST PATCH", "/proxies/{proxy}", proxies::update),
                Route.of("DELETE", "/proxies/{proxy}", proxies::delete),
                Route.of("GET", "/proxies/{proxy}/stats", proxies::stats),
                Route.of("GET", "/proxies/{proxy}/toxics", toxics::index),
                Route.of("POST", "/proxies/{proxy}/toxics", toxics::create),
                Route.of("GET", "/proxies/{proxy}/toxics/{toxic}", toxics::show),
                Route.of("POST PATCH", "/proxies/{proxy}/toxics/{toxic}", toxics::update),
                Route.of("DELETE", "/proxies/{proxy}/toxics/{toxic}", toxics::delete),
                Route.of("GET", "/version", proxies::version)));
    }
}
