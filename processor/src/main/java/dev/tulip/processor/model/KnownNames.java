package dev.tulip.processor.model;

/** Fully qualified names of the runtime API the processor recognizes. */
public final class KnownNames {
    private KnownNames() {
    }

    public static final String ASYNC = "dev.tulip.Async";
    public static final String TULIP = "dev.tulip.Tulip";
    public static final String COROUTINE = "dev.tulip.Coroutine";
    public static final String AWAITABLE = "dev.tulip.Awaitable";
    public static final String ASYNC_CLOSEABLE = "dev.tulip.AsyncCloseable";
    public static final String ASYNC_CONTEXT_MANAGER = "dev.tulip.AsyncContextManager";
    public static final String ASYNC_ITERABLE = "dev.tulip.AsyncIterable";
    public static final String ASYNC_ITERATOR = "dev.tulip.AsyncIterator";
    public static final String COMPLETION_STAGE = "java.util.concurrent.CompletionStage";
    public static final String GENERATOR = "dev.tulip.Generator";
    public static final String ASYNC_GENERATOR = "dev.tulip.AsyncGenerator";
    /** The annotation of generator methods: a member of {@code Generator}, written {@code @Generator.Method}. */
    public static final String GENERATOR_METHOD = "dev.tulip.Generator.Method";

    /** The marker method {@code Tulip.await}. */
    public static final String AWAIT = "await";
    /** The marker method {@code Tulip.done}. */
    public static final String DONE = "done";
    /** Generator markers: {@code Tulip.yield(v)}, {@code Tulip.yieldFrom(source)}, {@code return Tulip.doneYielding(v);}. */
    public static final String YIELD = "yield";
    public static final String YIELD_FROM = "yieldFrom";
    public static final String DONE_YIELDING = "doneYielding";

    /** The runtime function that adapts a CompletionStage: {@code Tulip.wrapFuture}. */
    public static final String WRAP_FUTURE = "wrapFuture";

    /**
     * The runtime's helpers for generated code that reaches private members and types of the user's
     * classes (method and var handles, class objects, lambda factories): internal, in a package of its own.
     */
    public static final String PRIVATE_ACCESS = "dev.tulip.internal.PrivateAccess";

    /** Generated code's identity declaring a checked exception at a call of a factory (which declares none). */
    public static final String DECLARED = "dev.tulip.internal.Declared";

    /** Generated code's evaluation of a bound method reference's receiver ({@code client::fetch}). */
    public static final String BIND = "dev.tulip.internal.Bind";

    /** Suffix of the companion class: {@code Kitchen} gets {@code KitchenAsync}. */
    public static final String COMPANION_SUFFIX = "Async";
}
