package dev.tulip.examples.fastfood;

/**
 * The equipment of a fast-food restaurant: what the optimisation exercise of seed 001 may change.
 *
 * @param sodaMachines soda fountains, each filling one cup per second (the seed has one, guarded by a
 *     {@code Lock})
 * @param cooks cooks, each making one burger in 3 seconds (the seed has three: {@code Semaphore(3)})
 * @param fryerBatch portions of fries per batch; a batch takes 4 seconds (the seed's fryer makes 5)
 */
public record Kitchen(int sodaMachines, int cooks, int fryerBatch) {
    /** The restaurant of the seed: one soda machine, three cooks, a 5-portion fryer. */
    public static final Kitchen SEED = new Kitchen(1, 3, 5);

    /**
     * Checks that every count is positive.
     *
     * @param sodaMachines soda machines
     * @param cooks cooks
     * @param fryerBatch portions per batch
     */
    public Kitchen {
        if (sodaMachines < 1 || cooks < 1 || fryerBatch < 1) {
            throw new IllegalArgumentException("a kitchen needs at least one of everything: " + sodaMachines + ", "
                    + cooks + ", " + fryerBatch);
        }
    }

    /**
     * Describes the kitchen, as in {@code 2 soda machines, 6 cooks, an 8-portion fryer}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        String batch = Integer.toString(fryerBatch);
        String article = batch.startsWith("8") || batch.equals("11") || batch.equals("18") ? "an " : "a ";
        return sodaMachines + " soda machine" + (sodaMachines > 1 ? "s" : "") + ", " + cooks + " cook"
                + (cooks > 1 ? "s" : "") + ", " + article + batch + "-portion fryer";
    }
}
