// toxiproxy-node-client 4.1.0, unchanged, against roundtrip's toxiproxy API.
// Usage: node checks.js <api url> <echo upstream port> <npm prefix holding node_modules/toxiproxy-node-client>
// Prints one line per check: "ok NAME" or "not ok NAME: reason". The values are those of the client's README and
// of its own tests (src/tests/*.spec.ts); upstreams are given by host name, as the client's tests give them.
"use strict";
const net = require("net");
const path = require("path");

const [apiUrl, echoPort, prefix] = process.argv.slice(2);
const { Toxiproxy } = require(path.join(prefix, "node_modules", "toxiproxy-node-client"));
const toxiproxy = new Toxiproxy(apiUrl);

let failures = 0;

function equal(actual, expected, what) {
    if (actual !== expected) {
        throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    }
}

function truthy(value, what) {
    if (!value) {
        throw new Error(what);
    }
}

async function check(name, body) {
    try {
        await body();
        console.log(`ok ${name}`);
    } catch (e) {
        failures++;
        console.log(`not ok ${name}: ${String(e && e.message ? e.message : e).split("\n")[0]}`);
    }
}

async function rejectsWith(promise, status, what) {
    try {
        await promise;
    } catch (e) {
        equal(e.message, `Request failed with status code ${status}`, what);
        return;
    }
    throw new Error(`${what}: expected status ${status}, the request succeeded`);
}

function portOf(listen) {
    return Number(listen.substring(listen.lastIndexOf(":") + 1));
}

/** A free port on 127.0.0.1 (the client's own test uses fixed ports 9987 and 9988). */
function freePort() {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const { port } = server.address();
            server.close(() => resolve(port));
        });
    });
}

/**
 * Connects to 127.0.0.1:port, sends `payload`, and resolves with {data, millis, ended} once `expect` bytes came back
 * or the connection ended; rejects on a connection error or after 10 s.
 */
function exchange(port, payload, expect) {
    return new Promise((resolve, reject) => {
        const socket = net.connect({ host: "127.0.0.1", port, noDelay: true });
        const chunks = [];
        let got = 0;
        let start;
        const timer = setTimeout(() => {
            socket.destroy();
            reject(new Error(`no answer in 10 s (${got} bytes)`));
        }, 10000);
        const finish = (ended) => {
            clearTimeout(timer);
            const millis = Number(process.hrtime.bigint() - start) / 1e6;
            socket.destroy();
            resolve({ data: Buffer.concat(chunks), millis, ended });
        };
        socket.once("connect", () => {
            start = process.hrtime.bigint();
            socket.write(payload);
        });
        socket.on("data", (d) => {
            chunks.push(d);
            got += d.length;
            if (got >= expect) {
                finish(false);
            }
        });
        socket.once("end", () => finish(true));
        socket.once("error", (e) => {
            clearTimeout(timer);
            reject(e);
        });
    });
}

function connectRefused(port) {
    return new Promise((resolve) => {
        const socket = net.connect({ host: "127.0.0.1", port });
        socket.once("connect", () => {
            socket.destroy();
            resolve(false);
        });
        socket.once("error", () => resolve(true));
    });
}

async function rtt(port) {
    const r = await exchange(port, Buffer.from("ping"), 4);
    equal(r.data.toString(), "ping", "echo");
    return r.millis;
}

async function main() {
    await check("version", async () => {
        const version = await toxiproxy.getVersion();
        truthy(/^\d+\.\d+\.\d+/.test(version), `version ${JSON.stringify(version)}`);
    });

    // Proxy.spec.ts / TestHelper.createProxy: listen localhost:0, upstream localhost:6379
    let redis;
    await check("create proxy with host names", async () => {
        redis = await toxiproxy.createProxy({ listen: "localhost:0", name: "create-test", upstream: "localhost:6379" });
        equal(redis.name, "create-test", "name");
        equal(redis.upstream, "localhost:6379", "upstream");
        truthy(/^127\.0\.0\.1:\d+$/.test(redis.listen) && portOf(redis.listen) > 0,
            `listen ${redis.listen}: the bound address, as toxiproxy answers it`);
        equal(redis.enabled, true, "enabled");
    });

    await check("get proxy", async () => {
        const fetched = await toxiproxy.get("create-test");
        equal(fetched.name, redis.name, "name");
        equal(fetched.listen, redis.listen, "listen");
        equal(fetched.upstream, "localhost:6379", "upstream");
    });

    await check("create proxy as in the README", async () => {
        const p = await toxiproxy.createProxy({ listen: "localhost:0", name: "redis", upstream: "redis:6379" });
        equal(p.upstream, "redis:6379", "upstream (a name resolved only when a client connects)");
        const toxic = await p.addToxic({ attributes: { rate: 1000 }, type: "bandwidth" });
        equal(toxic.attributes.rate, 1000, "rate");
        await p.remove();
    });

    await check("duplicate proxy is 409", async () => {
        await rejectsWith(toxiproxy.createProxy({ listen: "localhost:0", name: "create-test",
            upstream: "localhost:6379" }), 409, "duplicate");
    });

    await check("update proxy", async () => {
        const disabled = await redis.update({ enabled: false, listen: redis.listen, upstream: redis.upstream });
        equal(disabled.enabled, false, "enabled");
        equal(disabled.listen, redis.listen, "listen kept while disabled");
        const updated = await redis.update({ enabled: true, listen: redis.listen, upstream: "somehost:12345" });
        equal(updated.enabled, true, "enabled");
        equal(updated.upstream, "somehost:12345", "upstream");
        equal(updated.listen, redis.listen, "listen");
    });

    await check("remove proxy", async () => {
        await redis.remove();
        await rejectsWith(toxiproxy.get("create-test"), 404, "get after remove");
    });

    // Toxiproxy.spec.ts "Should populate" and "Should get all proxies"
    await check("populate", async () => {
        const proxies = await toxiproxy.populate([{ listen: "localhost:0", name: "get-all-test",
            upstream: "localhost:6379" }]);
        equal(proxies["get-all-test"].upstream, "localhost:6379", "upstream");
        await Promise.all(Object.keys(proxies).map((name) => proxies[name].remove()));
    });

    await check("populate and get all proxies", async () => {
        const proxy1 = { listen: `127.0.0.1:${await freePort()}`, name: "get-all-test1", upstream: "localhost:6379" };
        const proxy2 = { listen: `127.0.0.1:${await freePort()}`, name: "get-all-test2", upstream: "localhost:12345" };
        await toxiproxy.populate([proxy1, proxy2]);
        const again = await toxiproxy.populate([proxy1, proxy2]); // unchanged: kept, not replaced
        equal(again["get-all-test1"].listen, proxy1.listen, "listen after a second populate");
        const proxies = await toxiproxy.getAll();
        equal(Object.keys(proxies).length, 2, "proxies");
        for (const p of [proxy1, proxy2]) {
            equal(proxies[p.name].name, p.name, "name");
            equal(proxies[p.name].listen, p.listen, "listen");
            equal(proxies[p.name].upstream, p.upstream, "upstream");
        }
        await Promise.all(Object.values(proxies).map((p) => p.remove()));
    });

    // ToxicTypes.spec.ts: every classic toxic type with the client's own values
    const classic = [
        ["latency", { latency: 1000, jitter: 100 }],
        ["bandwidth", { rate: 1000 }],
        ["slow_close", { delay: 1000 }],
        ["timeout", { timeout: 5 * 1000 }],
        ["slicer", { average_size: 1000, delay: 1000, size_variation: 1000 }],
        ["reset_peer", { timeout: 1000 }],
        ["limit_data", { bytes: 42 }],
    ];
    for (const [type, attributes] of classic) {
        await check(`add ${type} toxic`, async () => {
            const p = await toxiproxy.createProxy({ listen: "localhost:0", name: `add-${type}-toxic-test`,
                upstream: "localhost:6379" });
            const toxic = await p.addToxic({ attributes, type });
            equal(toxic.type, type, "type");
            equal(toxic.name, `${type}_downstream`, "name");
            equal(toxic.stream, "downstream", "stream");
            equal(toxic.toxicity, 1, "toxicity");
            for (const key of Object.keys(attributes)) {
                equal(toxic.attributes[key], attributes[key], `attributes.${key}`);
            }
            await p.remove();
        });
    }

    // Toxic.spec.ts "CRUD for Toxics" and the duplicate
    await check("toxic create, get, update, remove", async () => {
        const p = await toxiproxy.createProxy({ listen: "localhost:0", name: "remove-toxic-test",
            upstream: "localhost:6379" });
        const toxic = await p.addToxic({ attributes: { latency: 1000, jitter: 100 }, type: "latency" });
        const fromServer = await p.getToxic(toxic.name);
        equal(fromServer.name, "latency_downstream", "name");
        equal(fromServer.type, toxic.type, "type");
        equal(fromServer.stream, toxic.stream, "stream");
        equal(fromServer.toxicity, toxic.toxicity, "toxicity");
        const updated = await toxic.update({ attributes: { latency: 12345, jitter: 42 } });
        equal(updated.attributes.latency, 12345, "latency");
        equal(updated.attributes.jitter, 42, "jitter");
        await toxic.remove();
        await rejectsWith(p.getToxic(toxic.name), 404, "get after remove");
        await p.remove();
    });

    await check("duplicate toxic is 409", async () => {
        const p = await toxiproxy.createProxy({ listen: "localhost:0", name: "duplicate-toxic-test",
            upstream: "localhost:6379" });
        await p.addToxic({ attributes: { latency: 1000, jitter: 100 }, type: "latency" });
        await rejectsWith(p.addToxic({ attributes: { latency: 1000, jitter: 100 }, type: "latency" }), 409,
            "duplicate");
        await p.remove();
    });

    // effects, through a real echo upstream given by host name
    let echo;
    let port;
    await check("echo proxy passes data", async () => {
        echo = await toxiproxy.createProxy({ listen: "localhost:0", name: "echo", upstream: `localhost:${echoPort}` });
        port = portOf(echo.listen);
        await rtt(port); // warm-up
        const millis = await rtt(port);
        truthy(millis < 80, `round trip without toxics took ${millis.toFixed(1)} ms`);
    });

    await check("latency toxic delays, update changes it, removal ends it", async () => {
        const toxic = await echo.addToxic({ attributes: { latency: 100 }, type: "latency" });
        const slow = await rtt(port);
        truthy(slow >= 100, `with latency 100 the round trip took ${slow.toFixed(1)} ms`);
        await toxic.update({ attributes: { latency: 200 } });
        const slower = await rtt(port);
        truthy(slower >= 200, `with latency 200 the round trip took ${slower.toFixed(1)} ms`);
        await toxic.remove();
        const fast = await rtt(port);
        truthy(fast < 100, `after removal the round trip took ${fast.toFixed(1)} ms`);
    });

    await check("slicer toxic with size_variation = average_size slices and delivers everything", async () => {
        const toxic = await echo.addToxic({ attributes: { average_size: 100, size_variation: 100, delay: 10000 },
            stream: "upstream", type: "slicer" });
        equal(toxic.attributes.size_variation, 100, "size_variation");
        const payload = Buffer.alloc(1000, "x");
        const r = await exchange(port, payload, payload.length);
        equal(r.data.length, payload.length, "bytes echoed");
        // at least 6 pieces of at most 199 bytes, 10 ms apart
        truthy(r.millis >= 45, `1000 bytes in pieces 10 ms apart took ${r.millis.toFixed(1)} ms`);
        await toxic.remove();
    });

    await check("limit_data toxic closes after its bytes", async () => {
        const toxic = await echo.addToxic({ attributes: { bytes: 42 }, type: "limit_data" });
        const r = await exchange(port, Buffer.alloc(100, "y"), 100);
        equal(r.ended, true, "connection closed");
        equal(r.data.length, 42, "bytes delivered");
        await toxic.remove();
    });

    await check("disable and enable", async () => {
        const disabled = await echo.update({ enabled: false, listen: echo.listen, upstream: echo.upstream });
        equal(disabled.enabled, false, "enabled");
        truthy(await connectRefused(port), "a disabled proxy still accepts connections");
        const enabled = await echo.update({ enabled: true, listen: echo.listen, upstream: echo.upstream });
        equal(enabled.enabled, true, "enabled");
        equal(enabled.listen, echo.listen, "listen");
        await rtt(port);
    });

    await check("reset enables proxies and removes toxics", async () => {
        await echo.addToxic({ attributes: { latency: 1000 }, type: "latency" });
        await echo.update({ enabled: false, listen: echo.listen, upstream: echo.upstream });
        await toxiproxy.reset();
        const after = await toxiproxy.get("echo");
        equal(after.enabled, true, "enabled");
        await rejectsWith(after.getToxic("latency_downstream"), 404, "toxic after reset");
        const millis = await rtt(port);
        truthy(millis < 500, `round trip after reset took ${millis.toFixed(1)} ms`);
        await after.remove();
    });
}

main().then(() => process.exit(failures === 0 ? 0 : 1), (e) => {
    console.log(`not ok script: ${e && e.stack ? e.stack.split("\n")[0] : e}`);
    process.exit(2);
});
