package io.picluster.launch.pmi;

import java.util.concurrent.ConcurrentHashMap;

/** The job's key-value space. Keys are write-once, as under Hydra: a later put of a key is ignored. */
final class Kvs {
  private final String name;
  private final ConcurrentHashMap<String, String> entries = new ConcurrentHashMap<>();

  Kvs(String name) {
    this.name = name;
  }

  String name() {
    return name;
  }

  void put(String key, String value) {
    entries.putIfAbsent(key, value);
  }

  String get(String key) {
    return entries.get(key);
  }
}
