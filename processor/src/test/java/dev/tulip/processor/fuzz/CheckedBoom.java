package dev.tulip.processor.fuzz;

/** The checked exception fuzzed programs declare and throw. */
public class CheckedBoom extends Exception {
    private static final long serialVersionUID = 1L;

    public CheckedBoom(String message) {
        super(message);
    }
}
