// Module declarations for the typecheck of the site's TypeScript files (Vite handles the imports).
declare module "*.css";

declare module "*.vue" {
  import type { DefineComponent } from "vue";

  const component: DefineComponent;
  export default component;
}
