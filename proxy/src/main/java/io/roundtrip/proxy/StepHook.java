package io.roundtrip.proxy;

/** Called before each step of a {@link Transaction}; tests make it throw to fail a transaction at any step. */
@FunctionalInterface
interface StepHook {

    StepHook NONE = step -> { };

    void before(String step);
}
