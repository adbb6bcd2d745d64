from django.urls import path

from tillit.home import views

app_name = "home"
urlpatterns = [
    path("", views.home, name="home"),
    path("start/", views.start, name="start"),
]
