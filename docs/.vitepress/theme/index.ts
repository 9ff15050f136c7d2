import type { Theme } from "vitepress";
import DefaultTheme from "vitepress/theme";
import "./custom.css";

const theme: Theme = {
  extends: DefaultTheme,
  enhanceApp({ router }) {
    // Marks the page the router has finished loading on <html data-page="…">, so the browser
    // test can follow client-side navigations without timing guesses.
    const previous = router.onAfterPageLoad;
    router.onAfterPageLoad = async (href) => {
      await previous?.(href);
      if (typeof document !== "undefined") {
        document.documentElement.dataset.page = new URL(href, location.origin).pathname;
      }
    };
  },
};

export default theme;
