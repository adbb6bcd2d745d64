from django.urls import path

from tillit.testing.example_app import views

app_name = "exempel"
urlpatterns = [path("", views.overview, name="overview")]
