from django.urls import path

from tillit.classification import views

app_name = "classification"
urlpatterns = [
    path("", views.settings_page, name="settings"),
    path("<slug:scheme>/nytt/", views.term_add, name="term_add"),
    path("varde/<int:pk>/", views.term_change, name="term_change"),
]
