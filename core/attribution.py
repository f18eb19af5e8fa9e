"""The municipality register's attribution text. It lives in the kit rather than beside
the register because the site's own pages and every template show it too."""

# dl-de/by-2-0 requires it wherever the register's data appear.
REGISTER_ATTRIBUTION = (
    "Datenquelle: Statistisches Bundesamt (Destatis), Gemeindeverzeichnis, "
    "dl-de/by-2-0; eigene Darstellung"
)
