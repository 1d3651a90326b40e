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
  public static String main(Object o) { return runVirtual(PatAsync.m(o)); }
}
