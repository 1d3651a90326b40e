package lib;

public class Util {
    public static final Integer ONE = 1;
}
