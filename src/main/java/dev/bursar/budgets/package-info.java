/**
 * Budgets that cannot be raced: {@link dev.bursar.budgets.BudgetControl} reserves a call's worst case against every
 * budget that applies before the provider is called and settles the exact cost after; the
 * {@link dev.bursar.budgets.BudgetCounters} (in process, or Redis Lua scripts shared by replicas) make each
 * check-and-reserve atomic across all budgets of the call. Budgets come from {@code bursar.yaml} (read-only) and the
 * {@link dev.bursar.budgets.BudgetStore} (run time); windows are calendar day/month in a zone, rolling hours, or
 * lifetime ({@link dev.bursar.budgets.BudgetWindow}).
 */
package dev.bursar.budgets;
