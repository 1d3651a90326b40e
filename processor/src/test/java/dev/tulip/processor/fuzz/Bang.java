package dev.tulip.processor.fuzz;

/** A second unchecked exception, unrelated to {@link Boom}, so that {@code Boom | Bang} is a legal multi-catch. */
public class Bang extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Bang(String message) {
        super(message);
    }
}
