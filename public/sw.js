// Service worker of Phường Kiểu Mẫu: precaches the whole app shell on install and serves it
// cache-first, so that after one visit the app opens with no network at all.
//
// The two placeholders below are filled in by scripts/stamp-service-worker.sh after every
// Trunk build (a post_build hook): the list of files Trunk emitted and a hash over them.
// A new build therefore is a byte-different service worker, which the browser installs
// beside the running one; it then WAITS until the page asks it to take over (the person
// agreed to reload), so that a new version never discards unsaved work.
"use strict";

const BUILD_ID = "__PKM_BUILD_ID__";
const PRECACHE = __PKM_PRECACHE__;
const CACHE = "pkm-shell-" + BUILD_ID;
const SHELL = new URL("./index.html", self.registration.scope).href;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      // `cache: "reload"` skips the HTTP cache so the shell is the one on the server now.
      cache.addAll(PRECACHE.map((path) => new Request(new URL(path, self.registration.scope), { cache: "reload" })))
    )
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((name) => name.startsWith("pkm-shell-") && name !== CACHE).map((name) => caches.delete(name)))
      )
      .then(() => self.clients.claim())
  );
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "PKM_ACTIVATE_UPDATE") {
    self.skipWaiting();
  }
  if (event.data && event.data.type === "PKM_BUILD_ID" && event.ports && event.ports[0]) {
    event.ports[0].postMessage(BUILD_ID);
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // Every route of the single-page app is the same shell.
    event.respondWith(
      caches.open(CACHE).then((cache) => cache.match(SHELL).then((hit) => hit || fetch(request)))
    );
    return;
  }
  event.respondWith(
    caches.open(CACHE).then((cache) => cache.match(request, { ignoreSearch: true }).then((hit) => hit || fetch(request)))
  );
});
