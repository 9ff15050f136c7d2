/**
 * The browser-safe part of the Brown corpus support: the genre hierarchy, tag stripping and
 * labels. Exported by the main entry point and again by the Node-only loader's subpath.
 * @module
 */
export {
  type BrownDocument,
  type BrownLabels,
  brownDocument,
  brownGenreOf,
  brownLabels,
  stripBrownTags,
} from "./document.js";
export {
  BROWN_GENRES,
  BROWN_GROUPS,
  BROWN_TOP_LEVELS,
  type BrownGenre,
  type BrownGenreLetter,
  type BrownGroup,
  type BrownGroupId,
  type BrownTopLevel,
  type BrownTopLevelId,
} from "./genres.js";
