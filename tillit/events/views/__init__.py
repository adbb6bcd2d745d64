"""Event screens, one module per area: `cases` (report, lists, the case page, transitions, entries,
Mina uppgifter), `config` (settings, patient information), `ivo` (anmälan till IVO) and `public`
(the form without login). URL names and templates are in `tillit.events.urls`."""
