/**
 * Values whose digits an iterative solver throws away: a starting point that an optimiser or a
 * root finder refines ({@link dev.numguard.rules.idioms.solvers.SolverStart}). Used by
 * CancellingDifference and Log1p.
 */
package dev.numguard.rules.idioms.solvers;
