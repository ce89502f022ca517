"""The web explorer: pages for people who would rather look than query.

``reads`` takes what a page shows from the store (``corpus`` the home page's figures),
``views`` lays it out as HTML, ``svg`` draws the timeline and the picture of whom a person
met, ``graphiql`` is the offline GraphQL console. The request handlers are in
``api.pages``; scripts and styles are files under ``api/static/``.
"""
