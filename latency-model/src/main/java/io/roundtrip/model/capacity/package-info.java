/**
 * Capacity math, pure and without I/O: the Universal Scalability Law (model and Levenberg–Marquardt fit), Little's
 * law, and Erlang C pool sizing. Every formula cites its source; every test reproduces a published answer.
 */
package io.roundtrip.model.capacity;
