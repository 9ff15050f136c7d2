// @ts-check
/**
 * TypeDoc plugin of the docs site. A package with several entry points (`@neural-nmf/tensor`:
 * `src/index.ts` and `src/testing/index.ts`) gets one module per entry point, named after the
 * file: "index" and "testing". A page at `…/tensor/index/` confuses VitePress, which reads
 * `index` as the directory's own page, so the main entry point's module is renamed "main".
 */
import { Application, ReflectionKind } from "typedoc";

/** @param {import("typedoc").Application} app */
export function load(app) {
  app.on(Application.EVENT_PROJECT_REVIVE, (project) => {
    for (const module of project.getReflectionsByKind(ReflectionKind.Module)) {
      if (module.name === "index") module.name = "main";
    }
  });
}
