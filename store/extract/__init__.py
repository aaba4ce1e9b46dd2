"""Entity extraction from stored article text.

Everything here runs inside analysis only: `morph` loads kiwipiepy lazily, the
rule modules (people, organizations, places, events, initiatives, figures)
read the words `morph` makes, `coref` joins short references inside an
article, and `article.extract_article` ties them together. Nothing in this
package is imported by `store.corpus` or the app at start-up.
"""
