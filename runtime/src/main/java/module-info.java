/**
 * Tulip's runtime: the event loop, futures, tasks, combinators, synchronisation primitives and
 * generators that {@code @Async} code runs on.
 *
 * <p>{@code dev.tulip.internal} is exported to every module although it is not API: the companions
 * the processor generates live in the user's own packages and module, whose name the runtime cannot
 * know, and a qualified {@code exports ... to} needs it. Nothing in it grants access the caller lacks
 * (every method works with the caller's own {@code Lookup}); its contents change between versions.
 */
module tulip.runtime {
    exports dev.tulip;
    exports dev.tulip.internal;
    exports dev.tulip.io;
}
