namespace SoakPS; public static class Placeholder2 {}
