/**
 * Tulip's test kit: a JUnit 5 extension that runs coroutine tests on a fresh virtual-time loop
 * ({@link dev.tulip.test.CoroutineTest}, {@link dev.tulip.test.TulipTest}) with kotlinx-coroutines-test's
 * controls of time ({@link dev.tulip.test.TestLoop}), failing tests that leak tasks, lose exceptions,
 * deadlock or hang.
 */
package dev.tulip.test;
