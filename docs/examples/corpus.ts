/**
 * A tiny bundled corpus with a two-level structure: four topics (football, tennis, baking,
 * gardening) in two themes (sport, home). The topic-modelling guide and the interactive demo
 * use it; short enough to train on in a fraction of a second.
 */
export const SAMPLE_CORPUS: readonly string[] = [
  // football
  "The striker scored a late goal and the football crowd cheered as the referee blew the whistle.",
  "A penalty kick decided the football match after the goalkeeper saved two shots in extra time.",
  "The football club signed a new midfielder to strengthen the team before the league season.",
  "Fans sang in the stadium while the defender cleared the ball off the goal line.",
  "The coach changed the formation at half time and the team scored two goals in the second half.",
  "The league table shows the club three points clear after the derby match win.",
  // tennis
  "She served an ace on match point to win the tennis final in straight sets.",
  "The tennis player broke serve twice and took the first set with a powerful forehand.",
  "Rain delayed the tennis tournament on the grass court until the umpire resumed play.",
  "His backhand volley at the net won the rally and the crowd applauded the tennis champion.",
  "The doubles pair won the tiebreak after a long rally on the clay court.",
  "A double fault on break point cost the seed the set and the tennis match.",
  // baking
  "Knead the bread dough for ten minutes then let it rise until doubled before baking.",
  "Cream the butter and sugar, add eggs and flour, and bake the cake in a warm oven.",
  "The sourdough starter needs flour and water every day to keep the yeast active.",
  "Brush the pastry with egg and bake the pie until the crust is golden.",
  "Sift the flour with baking powder so the muffins rise evenly in the oven.",
  "Let the bread cool on a rack before slicing so the crumb sets and the crust stays crisp.",
  // gardening
  "Plant the tomato seedlings in rich soil and water the garden every morning.",
  "Prune the roses in early spring and mulch the flower beds to keep the soil moist.",
  "Compost kitchen scraps and leaves to feed the vegetable garden soil.",
  "Sow the seeds in rows, cover them with soil, and water gently until they sprout.",
  "Aphids attack the roses, so spray the garden plants or invite ladybirds to eat them.",
  "Dig the potato bed, add compost, and plant the seed potatoes after the last frost.",
];

/** Topic of each document of {@link SAMPLE_CORPUS}: 0 football, 1 tennis, 2 baking, 3 gardening. */
export const SAMPLE_TOPICS: readonly number[] = SAMPLE_CORPUS.map((_, j) => Math.floor(j / 6));

/** Theme of each document: 0 sport (football, tennis), 1 home (baking, gardening). */
export const SAMPLE_THEMES: readonly number[] = SAMPLE_TOPICS.map((t) => (t < 2 ? 0 : 1));
