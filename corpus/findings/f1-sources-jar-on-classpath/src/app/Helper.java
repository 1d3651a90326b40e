package app; public class Helper { public static int one() { return 1; } }
