package modern;
import dev.tulip.*;
import static dev.tulip.Tulip.*;
public class Pat {
  record Point(int x, int y) {}
  @Async static Coroutine<String> m(Object o) {
    Object v = await(later(o));
    String r = switch (v) {
      case String s -> "s" + s;
      case Integer i when i > 3 -> "big";
      case Point(int x, int y) when x == y -> "diagonal " + x;
      case Point(var x, var y) -> "point " + x + "," + y;
      case null -> "null!";
      default -> "other";
    };
    if (v instanceof Point(int a, int b)) {
      r += " sum " + (a + b);
    }
    return done(r);
  }
  @Async static Coroutine<Object> later(Object o) { await(sleep(0)); return done(o); }
  @Async static Coroutine<String> suspending(Object o) {
    int limit = (Integer) await(later(3));
    String r;
    switch (o) {
      case String s when s.length() > limit -> {
        await(sleep(0));
        r = "long " + s;
      }
      case String s -> r = "short " + await(later(s));
      case Point(int x, int y) -> {
        await(sleep(0));
        r = "point " + (x + y);
      }
      case null -> r = "null";
      default -> r = "other";
    }
    String e = switch (o) {
      case Integer i when i > limit -> "big " + await(later(i));
      case Integer i -> "small " + i;
      case null, default -> "n/a";
    };
    if (o instanceof Point(int a, int b) && await(later(a)) != null) {
      await(sleep(0));
      r += " a+b=" + (a + b);
    }
    return done(r + " | " + e);
  }
  public static String suspendingMain(Object o) { return runVirtual(PatAsync.suspending(o)); }
  public static String main(Object o) { return runVirtual(PatAsync.m(o)); }
}
