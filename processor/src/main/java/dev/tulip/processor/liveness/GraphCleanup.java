package dev.tulip.processor.liveness;

import dev.tulip.processor.ir.Block;
import dev.tulip.processor.ir.Cfg;
import dev.tulip.processor.ir.FinallyFrame;
import dev.tulip.processor.ir.Terminator;
import dev.tulip.processor.ir.TryRegion;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes the graph final before emission: drops unreachable blocks, merges a block into its only
 * predecessor when nothing else can enter it (fewer states, straighter code), and numbers the states
 * in source order, the entry being state 0.
 */
public final class GraphCleanup {
    private GraphCleanup() {
    }

    public static void run(Cfg cfg) {
        prune(cfg);
        thread(cfg);
        prune(cfg);
        merge(cfg);
        prune(cfg);
        number(cfg);
    }

    /** Every successor of a block: normal, printed jumps, and exception edges. */
    public static Set<Block> successors(Block b) {
        Set<Block> out = new LinkedHashSet<>();
        if (b.terminator != null) {
            out.addAll(b.terminator.successors());
        }
        out.addAll(b.extraSuccessors);
        out.addAll(exceptionSuccessors(b.region));
        return out;
    }

    /** Where an exception raised in a region may go. */
    public static Set<Block> exceptionSuccessors(TryRegion region) {
        Set<Block> out = new LinkedHashSet<>();
        for (TryRegion r = region; r != null; r = r.parent) {
            boolean catchAll = false;
            for (TryRegion.Catch c : r.catches) {
                out.add(c.handler);
                catchAll |= c.types.stream().anyMatch(t -> t.toString().equals("java.lang.Throwable"));
            }
            if (catchAll) {
                break;
            }
            if (r.finallyFrame != null) {
                out.add(r.finallyFrame.entry);
                break;
            }
        }
        return out;
    }

    private static void prune(Cfg cfg) {
        Set<Block> seen = new LinkedHashSet<>();
        Deque<Block> work = new ArrayDeque<>();
        work.add(cfg.entry);
        while (!work.isEmpty()) {
            Block b = work.poll();
            if (seen.add(b)) {
                work.addAll(successors(b));
            }
        }
        cfg.blocks.retainAll(seen);
    }

    /** Jumps to an empty block that only jumps on go straight to its target. */
    private static void thread(Cfg cfg) {
        Map<Block, Block> forward = new HashMap<>();
        for (Block b : cfg.blocks) {
            if (b.ops.isEmpty() && b.terminator instanceof Terminator.Goto && !b.isResumePoint && !b.isHandler
                    && b != cfg.entry && isFinallyEntryFree(cfg, b)) {
                forward.put(b, ((Terminator.Goto) b.terminator).target);
            }
        }
        if (forward.isEmpty()) {
            return;
        }
        for (Block b : cfg.blocks) {
            Terminator t = b.terminator;
            if (t instanceof Terminator.Goto) {
                ((Terminator.Goto) t).target = resolve(forward, ((Terminator.Goto) t).target);
            } else if (t instanceof Terminator.Branch) {
                Terminator.Branch br = (Terminator.Branch) t;
                br.ifTrue = resolve(forward, br.ifTrue);
                br.ifFalse = resolve(forward, br.ifFalse);
            } else if (t instanceof Terminator.Switch) {
                Terminator.Switch sw = (Terminator.Switch) t;
                sw.targets.replaceAll(x -> resolve(forward, x));
                sw.otherwise = resolve(forward, sw.otherwise);
            }
        }
        for (FinallyFrame f : frames(cfg)) {
            for (int i = 0; i < f.pending.size(); i++) {
                FinallyFrame.Pending p = f.pending.get(i);
                if (p.next != null && forward.containsKey(p.next)) {
                    f.pending.set(i, p.redirect(resolve(forward, p.next)));
                }
            }
        }
    }

    private static boolean isFinallyEntryFree(Cfg cfg, Block b) {
        for (FinallyFrame f : frames(cfg)) {
            if (f.entry == b) {
                return false;
            }
        }
        return true;
    }

    private static Block resolve(Map<Block, Block> forward, Block b) {
        Block seen = b;
        for (int i = 0; i < 100 && forward.containsKey(b); i++) {
            b = forward.get(b);
            if (b == seen) {
                break;
            }
        }
        return b;
    }

    private static void merge(Cfg cfg) {
        boolean changed = true;
        while (changed) {
            changed = false;
            Map<Block, Integer> preds = new HashMap<>();
            for (Block b : cfg.blocks) {
                for (Block s : successors(b)) {
                    preds.merge(s, 1, Integer::sum);
                }
            }
            for (FinallyFrame f : frames(cfg)) {
                preds.merge(f.entry, 2, Integer::sum); // entered by the exception dispatch
            }
            for (Block b : cfg.blocks) {
                for (Block s : b.extraSuccessors) {
                    preds.merge(s, 2, Integer::sum); // named by a jump printed in code: must keep its state
                }
            }
            for (Block a : cfg.blocks) {
                if (!(a.terminator instanceof Terminator.Goto)) {
                    continue;
                }
                Block b = ((Terminator.Goto) a.terminator).target;
                if (b == a || b == cfg.entry || b.isResumePoint || b.isHandler || b.region != a.region
                        || preds.getOrDefault(b, 0) != 1) {
                    continue;
                }
                a.ops.addAll(b.ops);
                a.terminator = b.terminator;
                a.extraSuccessors.addAll(b.extraSuccessors);
                if (a.label == null) {
                    a.label = b.label;
                }
                cfg.blocks.remove(b);
                cfg.vars.forEach(v -> {
                    if (v.blocks.remove(b)) {
                        v.blocks.add(a);
                    }
                });
                changed = true;
                break;
            }
        }
    }

    static List<FinallyFrame> frames(Cfg cfg) {
        List<FinallyFrame> out = new ArrayList<>();
        for (Block b : cfg.blocks) {
            for (TryRegion r = b.region; r != null; r = r.parent) {
                if (r.finallyFrame != null && !out.contains(r.finallyFrame)) {
                    out.add(r.finallyFrame);
                }
            }
        }
        return out;
    }

    private static void number(Cfg cfg) {
        List<Block> ordered = new ArrayList<>(cfg.blocks);
        ordered.remove(cfg.entry);
        ordered.sort(Comparator.comparingLong((Block b) -> b.position).thenComparingInt(b -> b.seq));
        ordered.add(0, cfg.entry);
        cfg.blocks.clear();
        cfg.blocks.addAll(ordered);
        for (int i = 0; i < ordered.size(); i++) {
            ordered.get(i).state = i;
        }
    }
}
