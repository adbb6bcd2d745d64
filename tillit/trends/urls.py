from django.urls import path

from tillit.trends import views

app_name = "trends"
urlpatterns = [
    path("", views.series_list, name="series_list"),
    path("serie/", views.series_detail, name="series_detail"),
]
