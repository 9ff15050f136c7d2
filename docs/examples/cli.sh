# Train a two-level model on a folder of .txt files (one document per file) and save it.
neural-nmf fit corpus/ --ranks 4,2 --min-df 2 --epochs 300 --out topics.json

# Print the topic tree: each coarse topic above the finer topics it is made of.
neural-nmf topics topics.json --top 5

# The same with each topic's coherence in the documents, also as a web page and a drawing.
neural-nmf topics topics.json --documents corpus/ --html tree.html --svg tree.svg

# Every document's share of each topic at every level, and its strongest topic, as CSV.
neural-nmf transform topics.json corpus/ --format csv --out shares.csv

# Relative error of the saved model on documents (vectorised with the saved vectoriser).
neural-nmf eval topics.json corpus/ --json

# JSON lines {"text": ..., "label": ...}: labels make the model supervised.
neural-nmf fit corpus.jsonl --ranks 4,2 --min-df 2 --quiet --json --out labelled.json

# A Matrix Market file (features × samples) and one label per column; 40 labels known.
neural-nmf fit data.mtx --ranks 9,4,2 --labels labels.txt --known known.txt --epochs 300 --out model.json

# Accuracy at every level on the columns whose labels training did not see.
neural-nmf eval model.json data.mtx --labels labels.txt --known known.txt
