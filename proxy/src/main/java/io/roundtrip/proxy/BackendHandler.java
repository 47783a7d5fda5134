package io.roundtrip.proxy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The upstream side of a connection: its reads go downstream, its writes come from upstream. */
final class BackendHandler extends RelayHandler {

    private static final Logger LOG = LoggerFactory.getLogger(BackendHandler.class);

    BackendHandler(Connection connection) {
        super(LOG, connection);
    }
}
