/** Import rules of the browser app, checked by `npm run lint` (dependency-cruiser). */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "A cycle, even through `import type`, means two modules own one concept: move it to one of them.",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // Type-only imports count too: the api.ts ↔ store.ts cycle was made of them.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.app.json" },
  },
};
