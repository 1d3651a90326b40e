package dev.tulip.processor.liveness;

import dev.tulip.processor.ir.Block;
import dev.tulip.processor.ir.Cfg;
import dev.tulip.processor.ir.FinallyFrame;
import dev.tulip.processor.ir.Op;
import dev.tulip.processor.ir.Terminator;
import dev.tulip.processor.ir.Var;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Backward liveness over the blocks (exception edges included), then the two decisions it drives:
 * <ul>
 *   <li><b>hoisting</b>: a variable live on entry to a resume point must survive the suspension, so it
 *       becomes a field; one used by several states of a single {@code resume} call becomes a method
 *       local; any other stays a block local, declared where the source declares it;</li>
 *   <li><b>clearing</b>: at each suspension, reference fields that hold a value but are dead are set to
 *       null, so a suspended coroutine retains nothing it no longer needs (ea-async's leak).</li>
 * </ul>
 */
public final class Liveness {
    private final Cfg cfg;
    private final Map<Block, Set<Var>> liveIn = new HashMap<>();
    private final Map<Block, Set<Var>> gen = new HashMap<>();
    private final Map<Block, Set<Var>> kill = new HashMap<>();
    /** Reference fields to clear at each suspending block. */
    private final Map<Block, Set<Var>> clearAtSuspend = new HashMap<>();

    public Liveness(Cfg cfg) {
        this.cfg = cfg;
    }

    public void run() {
        for (Block b : cfg.blocks) {
            localSets(b);
            liveIn.put(b, new LinkedHashSet<>());
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = cfg.blocks.size() - 1; i >= 0; i--) {
                Block b = cfg.blocks.get(i);
                Set<Var> out = new LinkedHashSet<>();
                for (Block s : normalSuccessors(b)) {
                    out.addAll(liveIn.getOrDefault(s, Set.of()));
                }
                Set<Var> in = new LinkedHashSet<>(out);
                in.removeAll(kill.get(b));
                in.addAll(gen.get(b));
                for (Block h : GraphCleanup.exceptionSuccessors(b.region)) {
                    in.addAll(liveIn.getOrDefault(h, Set.of()));
                }
                if (!in.equals(liveIn.get(b))) {
                    liveIn.put(b, in);
                    changed = true;
                }
            }
        }
        assignTiers();
        computeClearing();
    }

    private static Set<Block> normalSuccessors(Block b) {
        Set<Block> out = new LinkedHashSet<>();
        if (b.terminator != null) {
            out.addAll(b.terminator.successors());
        }
        out.addAll(b.extraSuccessors);
        return out;
    }

    private void localSets(Block b) {
        Set<Var> g = new LinkedHashSet<>();
        Set<Var> k = new LinkedHashSet<>();
        for (Op op : b.ops) {
            for (Var v : op.uses) {
                if (!k.contains(v)) {
                    g.add(v);
                }
            }
            if (op instanceof Op.Assign && ((Op.Assign) op).value != null) {
                k.add(((Op.Assign) op).target);
            } else if (op instanceof Op.Resume && ((Op.Resume) op).target != null) {
                k.add(((Op.Resume) op).target);
            }
        }
        if (b.terminator != null) {
            for (Var v : b.terminator.uses) {
                if (!k.contains(v)) {
                    g.add(v);
                }
            }
        }
        gen.put(b, g);
        kill.put(b, k);
    }

    private void assignTiers() {
        Set<Var> dispatchVisible = new LinkedHashSet<>();
        for (FinallyFrame f : GraphCleanup.frames(cfg)) {
            dispatchVisible.add(f.exception);
            dispatchVisible.add(f.target);
        }
        for (Var v : cfg.vars) {
            if (v.kind == Var.Kind.PARAMETER) {
                v.tier = Var.Tier.FIELD;
                continue;
            }
            boolean acrossSuspension = false;
            for (Block b : cfg.blocks) {
                if (b.isResumePoint && liveIn.get(b).contains(v)) {
                    acrossSuspension = true;
                    break;
                }
            }
            if (acrossSuspension) {
                v.tier = Var.Tier.FIELD;
            } else if (dispatchVisible.contains(v) || v.blocks.stream().filter(cfg.blocks::contains).count() > 1) {
                v.tier = Var.Tier.METHOD_LOCAL;
            } else {
                v.tier = Var.Tier.BLOCK_LOCAL;
            }
        }
    }

    /** Forward "may hold a value" analysis of reference fields, cleared at suspensions where dead. */
    private void computeClearing() {
        Map<Block, Set<Var>> mayHoldIn = new HashMap<>();
        Map<Block, Set<Var>> mayHoldOut = new HashMap<>();
        for (Block b : cfg.blocks) {
            mayHoldIn.put(b, new LinkedHashSet<>());
            mayHoldOut.put(b, new LinkedHashSet<>());
        }
        Map<Block, List<Block>> preds = new HashMap<>();
        for (Block b : cfg.blocks) {
            for (Block s : GraphCleanup.successors(b)) {
                preds.computeIfAbsent(s, x -> new java.util.ArrayList<>()).add(b);
            }
        }
        for (Var v : cfg.vars) {
            if (v.tier == Var.Tier.FIELD && !v.isPrimitive && v.kind == Var.Kind.PARAMETER) {
                mayHoldIn.get(cfg.entry).add(v);
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Block b : cfg.blocks) {
                Set<Var> in = new LinkedHashSet<>(b == cfg.entry ? mayHoldIn.get(b) : Set.of());
                for (Block p : preds.getOrDefault(b, List.of())) {
                    in.addAll(mayHoldOut.get(p));
                }
                Set<Var> held = new LinkedHashSet<>(in);
                for (Var v : v(b)) {
                    if (v.tier == Var.Tier.FIELD && !v.isPrimitive) {
                        held.add(v);
                    }
                }
                Set<Var> cleared = new LinkedHashSet<>();
                if (b.terminator instanceof Terminator.Suspend) {
                    Block resume = ((Terminator.Suspend) b.terminator).resume;
                    for (Var v : held) {
                        if (!liveIn.get(resume).contains(v)) {
                            cleared.add(v);
                        }
                    }
                }
                Set<Var> out = new LinkedHashSet<>(held);
                out.removeAll(cleared);
                if (!in.equals(mayHoldIn.get(b)) || !out.equals(mayHoldOut.get(b))) {
                    mayHoldIn.put(b, in);
                    mayHoldOut.put(b, out);
                    clearAtSuspend.put(b, cleared);
                    changed = true;
                }
            }
        }
    }

    /** Variables mentioned in a block. */
    private Set<Var> v(Block b) {
        Set<Var> out = new LinkedHashSet<>();
        for (Op op : b.ops) {
            out.addAll(op.uses);
            if (op instanceof Op.Assign) {
                out.add(((Op.Assign) op).target);
            } else if (op instanceof Op.Resume && ((Op.Resume) op).target != null) {
                out.add(((Op.Resume) op).target);
            }
        }
        if (b.terminator != null) {
            out.addAll(b.terminator.uses);
        }
        return out;
    }

    /** Reference fields to null before suspending in this block (in declaration order). */
    public Set<Var> clearedAt(Block b) {
        Set<Var> c = clearAtSuspend.getOrDefault(b, Set.of());
        Set<Var> ordered = new LinkedHashSet<>();
        for (Var v : cfg.vars) {
            if (c.contains(v)) {
                ordered.add(v);
            }
        }
        return ordered;
    }
}
