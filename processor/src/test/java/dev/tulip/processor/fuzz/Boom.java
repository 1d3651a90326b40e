package dev.tulip.processor.fuzz;

/** The unchecked exception fuzzed programs throw. */
public class Boom extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Boom(String message) {
        super(message);
    }
}
