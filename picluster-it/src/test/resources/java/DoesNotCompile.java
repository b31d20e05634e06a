public class DoesNotCompile {
  public static void main(String[] args) {
    int n = "four";
  }
}
