package dev.ekyc.operator.enforce;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One writer per physical backend location (the key {@link dev.ekyc.operator.policy.StoreLocation}
 * gives, the same the conflict check uses): a bucket has one lifecycle configuration shared by
 * every policy and every DataStore naming it, so two read-merge-writes must never overlap. Within
 * one operator process; leader election keeps it to one process.
 */
public final class LocationLocks {
  private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  public <T> T withLock(String locationKey, Supplier<T> work) {
    ReentrantLock lock = locks.computeIfAbsent(locationKey, k -> new ReentrantLock(true));
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }
}
