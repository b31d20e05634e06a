// A plain Java program that knows nothing of picluster: each rank is one JVM.
public class PlainHello {
  public static void main(String[] args) {
    System.out.println("plain rank " + System.getenv("PMI_RANK") + " of " + System.getenv("PMI_SIZE")
        + " args " + String.join(" ", args));
  }
}
